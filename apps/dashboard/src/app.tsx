import { useCallback, useState } from 'preact/hooks';
import { FunnelPage } from './pages/funnel';
import { HandoffsPage } from './pages/handoffs';
import { LeadPage } from './pages/lead';
import { LeadsPage } from './pages/leads';
import { NurturePage } from './pages/nurture';
import { PipelinePage } from './pages/pipeline';
import { SignIn } from './pages/sign-in';
import { useRoute } from './route';
import { token } from './token';

const pages = [
  ['/funnel', 'Funnel'],
  ['/pipeline', 'Pipeline'],
  ['/handoffs', 'Handoffs'],
  ['/nurture', 'Nurture'],
  ['/leads', 'Leads'],
] as const;

/** Sign-in until there is a token; then the nav and the page the hash names. */
export function App() {
  const [signedIn, setSignedIn] = useState(() => token.read() !== null);
  const route = useRoute();
  const signOut = useCallback(() => {
    token.clear();
    setSignedIn(false);
  }, []);
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  return (
    <>
      <a class="skip" href="#main">
        Skip to the figures
      </a>
      <header>
        <nav aria-label="Pages">
          <ul>
            {pages.map(([path, name]) => (
              <li key={path}>
                <a
                  href={`#${path}`}
                  aria-current={
                    route === path || (path === '/leads' && route.startsWith('/leads/')) ? 'page' : undefined
                  }
                >
                  {name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main">
        <Page route={route} onSignedOut={signOut} />
      </main>
    </>
  );
}

function Page({ route, onSignedOut }: { route: string; onSignedOut: () => void }) {
  const lead = /^\/leads\/([^/]+)$/.exec(route);
  if (lead) return <LeadPage leadId={decodeURIComponent(lead[1])} onSignedOut={onSignedOut} />;
  switch (route) {
    case '/pipeline':
      return <PipelinePage onSignedOut={onSignedOut} />;
    case '/handoffs':
      return <HandoffsPage onSignedOut={onSignedOut} />;
    case '/nurture':
      return <NurturePage onSignedOut={onSignedOut} />;
    case '/leads':
      return <LeadsPage onSignedOut={onSignedOut} />;
    default:
      return <FunnelPage onSignedOut={onSignedOut} />;
  }
}
