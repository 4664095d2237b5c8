import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", ".react-router/", "data/", "coverage/", "bench/results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports" },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value=/^\\.\\.\\/.*\\/db\\/schema/][importKind!='type']",
          message: "Import the schema with `import type`.",
        },
      ],
    },
  },
  {
    // Actions take the form the server read once, as it streamed in (decision 053): request.formData()
    // would parse the whole body again in one blocking step.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}", "**/*.test-support.ts", "app/services/form-body.server.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value=/^\\.\\.\\/.*\\/db\\/schema/][importKind!='type']",
          message: "Import the schema with `import type`.",
        },
        {
          selector: "CallExpression[callee.property.name='formData'][arguments.length=0]",
          message: "Take the form with `submittedForm(request, context)` (app/services/form-body.server.ts).",
        },
      ],
    },
  },
  {
    // Every route file, .ts and .tsx, including those one folder down (needs/public/routes, needs/workspace/routes).
    // The same rule is in .dependency-cruiser.mjs (sql-in-route), run by `npm run lint` after ESLint.
    files: ["app/modules/*/routes/**/*.{ts,tsx}", "app/modules/*/*/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["kysely", "pg", "@electric-sql/pglite"].map((name) => ({
            name,
            message: "Route files hold no SQL: call the module's queries or commands with context.db.",
          })),
          patterns: [
            {
              group: ["**/db/client.server.ts", "#app/db/client.server.ts"],
              message:
                "Route files hold no SQL and receive the database as context.db: call the module's queries or commands.",
            },
          ],
        },
      ],
    },
  },
);
