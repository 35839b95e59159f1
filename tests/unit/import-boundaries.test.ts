import { ESLint } from "eslint";

/* The ESLint configuration is what keeps raw database access and server-only code where they belong. */
const eslint = new ESLint();

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

describe("import boundaries", () => {
  it("keeps route code away from the raw database and the service role", async () => {
    for (const module of ["engine.server", "database.server", "service-role.server"]) {
      const code = `import * as db from "~/db/${module}";\nexport const probe = db;\n`;
      expect(await lint("app/routes/probe.tsx", code)).toContain("no-restricted-imports");
    }
    const allowed = `import { runAsUser } from "~/db/rls.server";\nexport const probe = runAsUser;\n`;
    expect(await lint("app/routes/probe.tsx", allowed)).toEqual([]);
  });

  it("keeps server-only modules out of client code", async () => {
    const code = `import { getConfig } from "~/config.server";\nexport const probe = getConfig;\n`;
    expect(await lint("app/components/probe.tsx", code)).toContain("no-restricted-imports");
    expect(await lint("app/models/probe.server.ts", code)).toEqual([]);
  });
});
