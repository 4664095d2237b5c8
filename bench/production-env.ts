/**
 * Import this first in a benchmark that renders pages in-process: React and React Router pick their
 * development or production build from `NODE_ENV` when they are first loaded, and `scripts/start.mjs`
 * runs the server with `NODE_ENV=production`. Without it the benchmark times React's development
 * build (prop validation, key warnings), two to three times slower than what a deployment runs.
 */
process.env.NODE_ENV ??= "production";

export {};
