import { z } from "zod";

/*
 * zod compiles a fast object parser with `new Function` when the environment allows it, and finds
 * out by trying `new Function("")` when the first object schema is built. Under the pages'
 * Content-Security-Policy (no 'unsafe-eval') the browser refuses that probe and reports a
 * violation, on every page with a schema, so real violations would drown in the noise. `jitless`
 * skips the probe and the compiled parser; the interpreted one is fast enough for forms.
 *
 * This module must run before any schema is built: root.tsx (the first route module the browser
 * evaluates, before the entry) and both entries import it first.
 */
z.config({ jitless: true });
