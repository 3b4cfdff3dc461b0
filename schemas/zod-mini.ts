/**
 * The zod every Lambda code path validates with: `zod/mini` (functional checks, tree-shakes to
 * what a bundle uses; classic zod's method chains pull ~90 KB into every function) with the
 * English messages classic zod registers by default. zod/mini registers no locale, so without
 * this every issue would read "Invalid input" in 400 answers and cold-start errors, and the
 * text would differ between Lambda and a process that also loads classic zod (tests, local).
 *
 *   import * as z from '../schemas/zod-mini.ts';
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
