/**
 * Builds the counselor workspace app (web/console/src) into web/console/dist, which the local
 * gateway serves at `/`. `npm start` and the tests run it; CDK bundles the app on its own.
 *
 *   npm run build:web
 */
import { relative } from 'node:path';
import { bundleWorkspaceApp, WORKSPACE_APP_LOCAL_OUT } from '../lib/web/workspace-app-bundle.ts';
import { REPO_ROOT } from '../lib/constructs/gateway-function-bundling.ts';

const { files } = bundleWorkspaceApp(WORKSPACE_APP_LOCAL_OUT, { sourcemap: true });
const sizes = Object.entries(files).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)} KB`);
console.log(`workspace app → ${relative(REPO_ROOT, WORKSPACE_APP_LOCAL_OUT)}: ${sizes.join(', ')}`);
