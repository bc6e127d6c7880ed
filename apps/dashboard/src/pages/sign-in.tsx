import { useState } from 'preact/hooks';
import { token } from '../token';

/** Paste an API token (the bootstrap admin's `data/admin.token` works); it is kept for this tab only. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [value, setValue] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (!value.trim()) return;
    token.save(value);
    onSignedIn();
  };
  return (
    <form class="sign-in" onSubmit={submit}>
      <h1>Leadger dashboard</h1>
      <label for="token">API token</label>
      <input
        id="token"
        name="token"
        type="password"
        autoComplete="off"
        required
        value={value}
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Sign in</button>
    </form>
  );
}
