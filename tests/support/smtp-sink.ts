/*
 * A real SMTP server on the loopback address that keeps what it receives: the mail sink for tests that run
 * in production mode, where mail goes out through SMTP and there is no outbox.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface SinkMessage {
  from: string;
  to: string[];
  /** The message as sent (headers and body), with quoted-printable soft breaks and escapes undone. */
  text: string;
}

export interface SmtpSink {
  /** An SMTP_URL that reaches the sink with its credentials. */
  url: string;
  messages: SinkMessage[];
  /** Resolves with the first message to `to` (already received or still to come). */
  next(to: string): Promise<SinkMessage>;
  close(): Promise<void>;
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const waiting: Array<{ to: string; resolve: (message: SinkMessage) => void }> = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === "lodestone" && auth.password === "sink-password") {
        return callback(null, { user: auth.username });
      }
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        const message: SinkMessage = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          text: decodeQuotedPrintable(raw),
        };
        messages.push(message);
        for (const waiter of waiting.splice(0)) {
          if (message.to.includes(waiter.to)) waiter.resolve(message);
          else waiting.push(waiter);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://lodestone:sink-password@127.0.0.1:${port}`,
    messages,
    next(to) {
      const received = messages.find((message) => message.to.includes(to));
      if (received) return Promise.resolve(received);
      return new Promise((resolve) => waiting.push({ to, resolve }));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
