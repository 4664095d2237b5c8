import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  resolve: { tsconfigPaths: true },
  build: { assetsInlineLimit: 0 },
  ssr: {
    // Server-only heavy libraries stay in node_modules instead of being bundled.
    external: ["echarts", "@electric-sql/pglite", "pg", "pino", "exceljs"],
  },
});
