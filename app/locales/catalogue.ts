/*
 * How a language's catalogue is put together, once for all three (ADR 090): each module of
 * app/locales/<language>/ exports its namespaces by name, and the catalogue is all of them side by side. No two
 * modules export the same namespace, so nothing is merged or renamed here; tests/unit/i18n-catalogues.test.ts
 * checks that French and Japanese have every key English has.
 */

type Namespaces = Record<string, object>;

/** The modules' namespaces as one object type (a flat mapped type, so i18next types keys from it cheaply). */
type Assembled<Modules extends readonly Namespaces[]> = {
  [
    Name in Modules[number] extends infer Module
      ? Module extends Namespaces
        ? keyof Module
        : never
      : never
  ]: Extract<Modules[number], Record<Name, unknown>>[Name];
};

export function catalogueOf<const Modules extends readonly Namespaces[]>(
  ...modules: Modules
): Assembled<Modules> {
  const catalogue: Namespaces = {};
  for (const module of modules) {
    for (const [name, namespace] of Object.entries(module)) {
      if (name in catalogue)
        throw new Error(`Two catalogue modules export the namespace "${name}".`);
      catalogue[name] = namespace;
    }
  }
  return catalogue as Assembled<Modules>;
}
