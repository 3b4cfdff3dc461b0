import { bundleWorkspaceApp, WORKSPACE_APP_LOCAL_OUT } from '../../lib/web/workspace-app-bundle.ts';

/** Vitest global setup: the counselor workspace app, built as `npm run build:web` builds it. */
export default function setup(): void {
  bundleWorkspaceApp(WORKSPACE_APP_LOCAL_OUT, { sourcemap: true });
}
