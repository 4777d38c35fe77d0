// Hooks for the browser tests (and devtools) on `globalThis.__cc`, in every build but the
// production one: `vite build --mode e2e` (scripts/test-ui), `vite` (dev server) and Vitest.
// Vite replaces import.meta.env.MODE at build time, so the production bundle drops this body
// and carries no trace of the hooks (scripts/test-ui checks it).

/** Merges `hooks` into `globalThis.__cc` (outside production builds). */
export function exposeTestHooks(hooks) {
  if (import.meta.env.MODE === 'production') return;
  globalThis.__cc = Object.assign(globalThis.__cc ?? {}, hooks);
}

/** Clears the hook `name` if it still holds `value` (a view unmounting). */
export function withdrawTestHook(name, value) {
  if (import.meta.env.MODE === 'production') return;
  if (globalThis.__cc?.[name] === value) globalThis.__cc[name] = null;
}
