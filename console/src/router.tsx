// A small router over the History API: the console lives under /console/ (the gateway answers
// index.html for any page path). Links are real <a href> (keyboard, new tab, screen readers).
import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export const BASE = '/console';

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
};
const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = to.startsWith(BASE) ? to : `${BASE}${to}`;
  if (url === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const listener of listeners) listener();
}

export interface Location {
  /** Path inside the console, e.g. "/recherche". */
  path: string;
  params: URLSearchParams;
}

export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, window.location.origin);
  const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) || '/' : url.pathname;
  return { path, params: url.searchParams };
}

/** Moves focus to the page's <h1> after a navigation, and sets the document title (RGAA 8.6). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Console du conseiller`;
  }, [title]);
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const url = href.startsWith(BASE) || /^[a-z]+:/.test(href) ? href : `${BASE}${href}`;
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target || /^[a-z]+:/.test(href)) return;
    event.preventDefault();
    navigate(url);
  };
  return <a href={url} onClick={handle} {...rest} />;
}
