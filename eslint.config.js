import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/*
 * Server-only code lives in `*.server.ts`; the classic compiler replaces those modules with empty ones in the
 * browser bundle, so an import from client code fails only at run time. Route modules and other `.server`
 * modules may import them (Remix strips loaders and actions from the client); everything else may not.
 */
const serverOnlyImports = {
  patterns: [
    {
      group: ["**/*.server", "**/*.server.ts", "**/*.server.tsx"],
      message:
        "Server-only module: import it from a route module or another *.server.ts file, never from client code.",
    },
  ],
};

/* The modules that reach the raw database or act as service_role or the owner (which bypass RLS). */
const RAW_DATABASE_MODULES = [
  "**/db/engine.server",
  "**/db/database.server",
  "**/db/service-role.server",
  "**/db/owner.server",
  "**/db/migrate.server",
];

const rawDatabaseImports = {
  patterns: [
    {
      group: RAW_DATABASE_MODULES,
      message:
        "Route code reaches the database only through the RLS-scoped helpers (requireMember / runAsUser).",
    },
  ],
};

/*
 * Models run every query as the signed-in user (user.db): they hold no connection of their own, so they
 * cannot bypass row-level security by accident. The engine's types (Queryable) are fine.
 */
const modelDatabaseImports = {
  patterns: [
    {
      group: RAW_DATABASE_MODULES,
      allowTypeImports: true,
      message:
        "Models query through the member's RLS-scoped user.db; the owner's and the service role's connections live in app/db.",
    },
  ],
};

/* The owner's connection (app/db/owner.server.ts) is the auth server's: invitations by their link. */
const ownerConnectionImports = {
  patterns: [
    {
      group: ["**/db/owner.server"],
      message:
        "The database owner's connection is for the auth server (app/auth/invitations.server.ts) only.",
    },
  ],
};

/*
 * A request body is read in one place, app/forms/parse.server.ts (readForm, parseForm): it refuses bodies that
 * are not forms and NUL characters before anything sees the form (docs/decisions/067-*.md).
 */
const bodyReading = {
  selector:
    "CallExpression[callee.property.name=/^(formData|json|text|arrayBuffer|blob)$/][callee.object.name='request']",
  message:
    "Read the request's body with readForm or parseForm (app/forms/parse.server.ts), the one place bad bodies are refused.",
};

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      ".data/",
      "node_modules/",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["**/*.{js,ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.{ts,tsx}", "app/routes/**", "app/root.tsx", "app/entry.server.tsx"],
    rules: { "no-restricted-imports": ["error", serverOnlyImports] },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/root.tsx"],
    rules: { "no-restricted-imports": ["error", rawDatabaseImports] },
  },
  {
    files: ["app/models/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", modelDatabaseImports] },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/auth/**", "app/db/**", "app/models/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", ownerConnectionImports] },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/forms/parse.server.ts", "app/billing/webhook.server.ts"],
    rules: { "no-restricted-syntax": ["error", bodyReading] },
  },
);
