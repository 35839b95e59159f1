import { ESLint } from "eslint";

/* The ESLint configuration is what keeps raw database access and server-only code where they belong. */
const eslint = new ESLint();

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

/** The rules that refuse each raw-database module when `filePath` imports it. */
async function refusalsOfRawDatabase(filePath: string) {
  const modules = ["engine.server", "database.server", "service-role.server", "owner.server"];
  return Promise.all(
    modules.map((module) =>
      lint(filePath, `import * as db from "~/db/${module}";\nexport const probe = db;\n`),
    ),
  );
}

describe("import boundaries", () => {
  it("keeps route code away from the raw database, the service role and the owner's connection", async () => {
    for (const rules of await refusalsOfRawDatabase("app/routes/probe.tsx")) {
      expect(rules).toContain("no-restricted-imports");
    }
    const allowed = `import { runAsUser } from "~/db/rls.server";\nexport const probe = runAsUser;\n`;
    expect(await lint("app/routes/probe.tsx", allowed)).toEqual([]);
  });

  it("keeps models on the member's RLS-scoped connection", async () => {
    for (const rules of await refusalsOfRawDatabase("app/models/probe.server.ts")) {
      expect(rules).toContain("@typescript-eslint/no-restricted-imports");
    }
    const types = `import type { Queryable } from "~/db/engine.server";\nexport type Probe = Queryable;\n`;
    expect(await lint("app/models/probe.server.ts", types)).toEqual([]);
  });

  it("leaves the owner's connection to the auth server", async () => {
    const code = `import { asOwner } from "~/db/owner.server";\nexport const probe = asOwner;\n`;
    expect(await lint("app/auth/probe.server.ts", code)).toEqual([]);
    for (const file of ["app/billing/probe.server.ts", "app/live/probe.server.ts"]) {
      expect(await lint(file, code)).toContain("@typescript-eslint/no-restricted-imports");
    }
  });

  it("keeps server-only modules out of client code", async () => {
    const code = `import { getConfig } from "~/config.server";\nexport const probe = getConfig;\n`;
    expect(await lint("app/components/probe.tsx", code)).toContain("no-restricted-imports");
    expect(await lint("app/models/probe.server.ts", code)).toEqual([]);
  });

  it("reads request bodies only through the form parser (ADR 067)", async () => {
    for (const read of ["formData", "json", "text", "arrayBuffer"]) {
      const code = `export async function action({ request }: { request: Request }) {\n  return request.${read}();\n}\n`;
      expect(await lint("app/routes/probe.tsx", code), read).toContain("no-restricted-syntax");
      expect(await lint("app/models/probe.server.ts", code), read).toContain(
        "no-restricted-syntax",
      );
    }
    const parsed = `import { readForm } from "~/forms/parse.server";\nexport async function action({ request }: { request: Request }) {\n  return readForm(request);\n}\n`;
    expect(await lint("app/routes/probe.tsx", parsed)).toEqual([]);
  });
});
