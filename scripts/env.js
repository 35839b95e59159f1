// Reads `.env` into process.env, as .env.example promises, for `npm start`, `npm run serve`, the db scripts and
// any worker process added later (ADR 126). The environment wins over the file: a variable already set is never replaced. ENV_FILE
// names another file; ENV_FILE=none reads none (the test suites' servers, so a developer's .env stays out).
import { config } from "dotenv";

const file = process.env.ENV_FILE ?? ".env";
if (file !== "none") {
  const { error } = config({ path: file, quiet: true });
  // A missing .env is the default's normal case; a file named on purpose must exist.
  if (error && (process.env.ENV_FILE || error.code !== "ENOENT")) {
    console.error(`Cannot read the environment file ${file}: ${error.message}`);
    process.exit(1);
  }
}
