/*
 * How a Lodestone process stops (ADR 121). On SIGTERM the HTTP server (scripts/serve.js):
 *   1. stops accepting connections and calls `beginDrain`: readiness (/readyz) turns 503 and the `drain` steps
 *      run (the live streams close with a retry hint, so browsers reconnect through the load balancer to
 *      another process);
 *   2. waits for the requests in flight, at most SHUTDOWN_TIMEOUT_MS, then closes what is left;
 *   3. calls `shutdown`, which runs the steps of each phase in order: `jobs` (drain the job queue: requests
 *      may enqueue jobs until they end, so it drains after them), then `database` (close the connections).
 * Modules register their own steps where they open what needs closing; a step registered twice under one
 * name (a `remix dev` rebuild) replaces the first.
 */
import type { Logger } from "pino";

export type ShutdownPhase = "drain" | "jobs" | "database";
const PHASES: ShutdownPhase[] = ["drain", "jobs", "database"];

type Step = () => Promise<void> | void;

interface Lifecycle {
  draining: boolean;
  steps: Map<ShutdownPhase, Map<string, Step>>;
}

const store = globalThis as typeof globalThis & { __lodestoneLifecycle?: Lifecycle };
const lifecycle: Lifecycle = (store.__lodestoneLifecycle ??= {
  draining: false,
  steps: new Map(PHASES.map((phase) => [phase, new Map()])),
});

/** Registers `step` to run in `phase` when the process stops. */
export function onShutdown(phase: ShutdownPhase, name: string, step: Step): void {
  lifecycle.steps.get(phase)?.set(name, step);
}

/** Whether the process is stopping: readiness answers 503 from the first moment. */
export function isDraining(): boolean {
  return lifecycle.draining;
}

async function runPhase(phase: ShutdownPhase, log: Logger): Promise<void> {
  for (const [name, step] of lifecycle.steps.get(phase) ?? []) {
    try {
      await step();
      log.info({ phase, step: name }, `Shutdown: ${name}: done.`);
    } catch (error) {
      log.error({ phase, step: name, err: error }, `Shutdown: ${name} failed.`);
    }
  }
}

/** Step 1: not ready any more; the drain steps run (live streams told to reconnect elsewhere). */
export async function beginDrain(log: Logger): Promise<void> {
  if (lifecycle.draining) return;
  lifecycle.draining = true;
  await runPhase("drain", log);
}

/** Step 3, once no request is in flight: the job queue drains, then the database closes. */
export async function shutdown(log: Logger): Promise<void> {
  lifecycle.draining = true;
  await runPhase("jobs", log);
  await runPhase("database", log);
}

/** For tests: forget the steps and the draining state. */
export function resetLifecycle(): void {
  lifecycle.draining = false;
  for (const steps of lifecycle.steps.values()) steps.clear();
}
