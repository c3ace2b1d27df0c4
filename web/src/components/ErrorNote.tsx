import { ApiError } from '../api/client';

/** What went wrong, in the contract's words (its error code and message). */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : 'Something went wrong';
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
