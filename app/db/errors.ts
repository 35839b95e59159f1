/** The SQLSTATE and message of an error raised by Postgres, from either engine's error class. */
export function databaseError(error: unknown): { code: string; message: string } | null {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") {
    const message = "message" in error && typeof error.message === "string" ? error.message : "";
    return /^[0-9A-Z]{5}$/.test(error.code) ? { code: error.code, message } : null;
  }
  return null;
}
