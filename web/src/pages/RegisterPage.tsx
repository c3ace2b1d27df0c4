import { field } from '../form';
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { navigate } from '../router';
import { useSession } from '../session';

export function RegisterPage() {
  const { api, signIn } = useSession();
  const [error, setError] = useState<unknown>();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = field(form, 'email');
    const password = field(form, 'password');
    api
      .send('POST', '/auth/register', { body: { email, password, name: field(form, 'name') } })
      .then(() => signIn(email, password))
      .then(() => navigate('/'), setError);
  };
  return (
    <section>
      <h1>Register</h1>
      <form onSubmit={onSubmit} className="stack">
        <label>
          Name <input name="name" autoComplete="name" required />
        </label>
        <label>
          Email <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password (8 characters or more)
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
          />
        </label>
        <button type="submit">Register</button>
        <ErrorNote error={error} />
      </form>
    </section>
  );
}
