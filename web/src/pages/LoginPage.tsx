import { field } from '../form';
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { navigate } from '../router';
import { useSession } from '../session';

export function LoginPage() {
  const { signIn } = useSession();
  const [error, setError] = useState<unknown>();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn(field(form, 'email'), field(form, 'password')).then(() => navigate('/'), setError);
  };
  return (
    <section>
      <h1>Sign in</h1>
      <form onSubmit={onSubmit} className="stack">
        <label>
          Email <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password{' '}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit">Sign in</button>
        <ErrorNote error={error} />
      </form>
    </section>
  );
}
