import { useEffect, useState } from 'preact/hooks';

/** The hash route (`#/funnel`, `#/leads/<id>`…), so the API needs to serve only one page. */
export function useRoute(): string {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const changed = () => setRoute(current());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function current(): string {
  return location.hash.replace(/^#/, '') || '/funnel';
}
