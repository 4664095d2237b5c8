import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";

/** A build-only plugin for one environment of the build, with that environment's output folder. */
function buildOf(
  environment: "client" | "ssr",
  name: string,
  hooks: (outDir: () => string) => Partial<Plugin>,
): Plugin {
  let outDir = "";
  return {
    name,
    apply: "build",
    applyToEnvironment: (candidate) => candidate.name === environment,
    configResolved(config) {
      outDir = path.resolve(config.root, config.environments[environment]?.build.outDir ?? config.build.outDir);
    },
    ...hooks(() => outDir),
  };
}

/** Files worth compressing; images other than SVG are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt|xml|html|map|webmanifest)$/;

/**
 * Writes a brotli (`.br`, best quality) and a gzip (`.gz`) copy next to every compressible file of the
 * browser build, so the server sends files instead of compressing on every request (decision 031).
 */
function precompressClientBuild(): Plugin {
  return buildOf("client", "cap:precompress-client-build", (outDir) => ({
    closeBundle() {
      const files = fs
        .readdirSync(outDir(), { recursive: true, encoding: "utf8" })
        .map((name) => path.join(outDir(), name));
      for (const file of files) {
        if (!COMPRESSIBLE.test(file) || !fs.statSync(file).isFile()) continue;
        const content = fs.readFileSync(file);
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(content, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  }));
}

/**
 * The server build's entry is server/production.ts, React Router's server build together with the server
 * that serves it (decision 075), so the pages, the API and the jobs share one copy of every module. The
 * embedded database's worker (app/db/pglite-worker.mjs, started by its path) is copied beside it.
 */
function productionServerEntry(): Plugin {
  return buildOf("ssr", "cap:production-server-entry", (outDir) => ({
    options(options) {
      return { ...options, input: path.resolve(import.meta.dirname, "server", "production.ts") };
    },
    closeBundle() {
      fs.copyFileSync(
        path.resolve(import.meta.dirname, "app", "db", "pglite-worker.mjs"),
        path.join(outDir(), "pglite-worker.mjs"),
      );
    },
  }));
}

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), precompressClientBuild(), productionServerEntry()],
  resolve: { tsconfigPaths: true },
  build: {
    assetsInlineLimit: 0,
    // Rolldown's "[PLUGIN_TIMINGS] JavaScript callbacks ran for 9.0s" is a hint for whoever tunes the
    // build; on a slow machine it greets every first `npm start` (tests/e2e/build-log.test.ts).
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  ssr: {
    // Server-only heavy libraries stay in node_modules instead of being bundled.
    external: ["echarts", "@electric-sql/pglite", "pg", "pino", "exceljs"],
  },
});
