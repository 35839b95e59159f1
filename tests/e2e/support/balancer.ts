/*
 * A load balancer for the scale-out spec, as small as it can be: each request goes to the first upstream that
 * accepts the connection (so one process serves everything until it stops listening, then the next does),
 * streamed both ways (server-sent events pass as they are written). It counts what each upstream served.
 */
import { once } from "node:events";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";

export interface Balancer {
  url: string;
  /** How many requests for `path` each upstream port answered. */
  served(path: string): Record<number, number>;
  close(): Promise<void>;
}

export async function startBalancer(port: number, upstreams: number[]): Promise<Balancer> {
  const served = new Map<string, Record<number, number>>();

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, index: number) {
    const upstream = upstreams[index];
    if (upstream === undefined) {
      res.writeHead(502).end("No upstream accepted the connection.");
      return;
    }
    const proxied = request(
      {
        host: "127.0.0.1",
        port: upstream,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        const counts = served.get(path) ?? {};
        counts[upstream] = (counts[upstream] ?? 0) + 1;
        served.set(path, counts);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    proxied.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") forward(req, res, body, index + 1);
      else res.destroy();
    });
    res.on("close", () => proxied.destroy());
    proxied.end(body);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => forward(req, res, Buffer.concat(chunks), 0));
  });
  server.listen(port);
  await once(server, "listening");
  return {
    url: `http://localhost:${port}`,
    served: (path) => ({ ...served.get(path) }),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
