/*
 * What one request remembers (app/utils/request-scope.server.ts, ADRs 073 and 164): a GET's loaders share their
 * answers; a request that can write forgets them after each transaction, until Remix starts the loaders that
 * follow its action (with a GET request of their own), which share again.
 */
import {
  afterTransaction,
  noteLoaderRequest,
  perReadRequest,
  perRequest,
  withRequestScope,
} from "~/utils/request-scope.server";

const url = "http://lodestone.test/p/x/projects/1";

/** How many times `perRequest` made its answer when asked twice, with a transaction ending in between. */
async function madeTwice(before: () => void = () => {}): Promise<number> {
  let made = 0;
  const make = async () => ++made;
  before();
  await perRequest("key", make);
  afterTransaction();
  await perRequest("key", make);
  return made;
}

describe("the request scope", () => {
  it("shares an answer between the loaders of a GET", async () => {
    expect(await withRequestScope(new Request(url), () => madeTwice())).toBe(1);
  });

  it("asks again after each transaction of a request that can write", async () => {
    const post = new Request(url, { method: "POST" });
    expect(await withRequestScope(post, () => madeTwice())).toBe(2);
  });

  it("shares again once the loaders after an action start, and forgets what the action read", async () => {
    const post = new Request(url, { method: "POST" });
    const made = await withRequestScope(post, async () => {
      let count = 0;
      await perRequest("key", async () => ++count); // the action's read
      noteLoaderRequest(new Request(url)); // Remix's loaders get a GET request of their own
      const first = await perRequest("key", async () => ++count);
      afterTransaction();
      const second = await perReadRequest("key", async () => ++count);
      return [first, second, count];
    });
    expect(made).toEqual([2, 2, 2]);
  });

  it("ignores the action's own request", async () => {
    const post = new Request(url, { method: "POST" });
    expect(await withRequestScope(post, () => madeTwice(() => noteLoaderRequest(post)))).toBe(2);
  });
});
