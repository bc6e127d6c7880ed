// The pasted bearer token lives in sessionStorage: gone when the tab closes, never in a cookie the API
// would have to guard against CSRF.
const KEY = 'leadger.token';

export const token = {
  read: (): string | null => sessionStorage.getItem(KEY),
  save: (value: string): void => sessionStorage.setItem(KEY, value.trim()),
  clear: (): void => sessionStorage.removeItem(KEY),
};
