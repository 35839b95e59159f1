/*
 * Working together (issue 14): a comment that mentions a delegate reaches their inbox live and their mail; the
 * mail's unsubscribe link works without signing in; a PDF goes up and comes back as an attachment; a file named
 * .pdf that is not one is refused; a milestone's and a pledge's threads are reached from their pages (a draft
 * pledge's only by its government); the new pages pass axe.
 */
import { expectNoAxeViolations } from "./support/axe";
import { PARTNERSHIP, uniqueName } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { submitForm } from "./support/remix";

/** The US delegate, Marcus Bell (supabase/seed.sql): not a party to the factories' projects. */
const US_DELEGATE = "d0000000-0000-4000-8000-000000000004";
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

test.describe("discussions and the inbox", () => {
  test.use({ role: "delegateJP" });

  test("a mention reaches the delegate's inbox live", async ({ page, pageAs, make }) => {
    const name = uniqueName("Mention Project");
    const us = await pageAs("delegateUS");
    const notice = us.getByRole("link", {
      name: `Haruto Sato mentioned you in a comment on “${name}”.`,
    });
    // The US delegate's inbox opens while the project is made and Japan's delegate opens its thread. The inbox
    // hears of the mention on the page's event stream: Japan's delegate posts once that stream has answered.
    const streaming = us.waitForResponse((response) =>
      response.url().endsWith(`${PARTNERSHIP}/events`),
    );
    const [project] = await Promise.all([
      make.project({ name }).then(async (made) => {
        await page.goto(`${PARTNERSHIP}/projects/${made.id}/discussion`);
        return made;
      }),
      (async () => {
        await us.goto(`${PARTNERSHIP}/inbox`);
        await expect(us.getByRole("heading", { name: "Inbox" })).toBeVisible();
        await expect(notice).toHaveCount(0);
        await streaming;
      })(),
    ]);

    await page
      .getByLabel("Your comment")
      .last()
      .fill("Could the **US team** review the *offtake* terms?");
    await page.locator(`input[name="mention"][value="${US_DELEGATE}"]`).last().check();
    await page.getByRole("button", { name: "Post comment" }).click();
    const comment = page.locator(".comment-text").filter({ hasText: "Could the US team review" });
    await expect(comment.locator("strong")).toHaveText("US team");

    // Live: the US delegate's open inbox shows it without a reload, and the header counts it.
    await expect(notice).toBeVisible({ timeout: 15_000 });
    await expect(us.getByTestId("unread-count")).toBeVisible();
    await notice.click();
    await expect(us).toHaveURL(new RegExp(`/projects/${project.id}/discussion$`));
  });

  test("a mention's mail reaches the delegate, and its link unsubscribes without signing in", async ({
    apiAs,
    pageAs,
    make,
    browser,
  }) => {
    // The mention is posted through the discussion's own form (the test above posts it from the page).
    const project = await make.project({ name: uniqueName("Mention Mail Project") });
    const discussion = `${PARTNERSHIP}/projects/${project.id}/discussion`;
    await submitForm(
      await apiAs("delegateJP"),
      discussion,
      "routes/p.$slug.projects.$projectId.discussion",
      {
        intent: "post",
        body: "Could the **US team** review the *offtake* terms?",
        mention: US_DELEGATE,
      },
    );

    // The mail, sent by the job queue, in the outbox: asked for without a browser until it is there (the two
    // browser contexts open meanwhile). Its unsubscribe link is taken from that answer, so the visitor follows it
    // while the US delegate's page reads the same mail in the outbox.
    const outbox = await apiAs("delegateUS");
    let card = "";
    const [us, anonymous] = await Promise.all([
      pageAs("delegateUS"),
      browser.newContext(),
      expect
        .poll(
          async () => {
            const html = await (await outbox.get("/dev/outbox")).text();
            card =
              html.split('<li class="card">').find((part) => part.includes(project.name)) ?? "";
            return card;
          },
          { timeout: 20_000 },
        )
        .toContain(project.name),
    ]);
    const unsubscribe = /https?:\/\/[^\s"<]+\/unsubscribe\/[\w.-]+/.exec(card)?.[0];
    expect(unsubscribe).toBeTruthy();

    const visitor = await anonymous.newPage();
    await Promise.all([
      (async () => {
        await us.goto("/dev/outbox");
        const mail = us.locator("li.card").filter({ hasText: project.name });
        await expect(mail).toHaveCount(1);
        await expect(mail).toContainText("delegate.us@demo.lodestone.example");
        expect(await mail.innerText()).toContain(unsubscribe);
      })(),
      (async () => {
        await visitor.goto(unsubscribe!);
        await expect(visitor.getByText("Mentions of you")).toBeVisible();
        await expectNoAxeViolations(visitor);
        await visitor.getByRole("button", { name: "Unsubscribe" }).click();
        await expect(visitor.getByRole("status")).toContainText(
          "You will no longer receive mail about “Mentions of you”",
        );
      })(),
    ]);
    await anonymous.close();
    await us.goto("/notifications/settings");
    await expect(us.getByRole("checkbox", { name: "Mentions of you" })).not.toBeChecked();
    await expect(
      us.getByRole("checkbox", { name: "Pledges committed, amended or withdrawn" }),
    ).toBeChecked();
    // Back as it was, for the rest of the run.
    await us.getByRole("checkbox", { name: "Mentions of you" }).check();
    await us.getByRole("button", { name: "Save settings" }).click();
    await expect(us.getByRole("status")).toHaveText("Your notification settings are saved.");
  });

  test("the author edits and deletes a comment; the thread keeps a tombstone", async ({
    page,
    make,
  }) => {
    const project = await make.project({ name: uniqueName("Edit Project") });
    await page.goto(`${PARTNERSHIP}/projects/${project.id}/discussion`);
    await page.getByLabel("Your comment").last().fill("First thoughts on the site.");
    await page.getByRole("button", { name: "Post comment" }).click();
    const card = page.locator(".comment-card").filter({ hasText: "First thoughts" });
    await card.getByText("Edit", { exact: true }).click();
    await card.getByLabel("Your comment").fill("Second thoughts on the site.");
    await card.getByRole("button", { name: "Save changes" }).click();
    const edited = page.locator(".comment-card").filter({ hasText: "Second thoughts" });
    await expect(edited).toContainText("edited");
    await edited.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("This comment was deleted.")).toBeVisible();
    await expect(page.getByText("Second thoughts")).toHaveCount(0);
  });
});

test.describe("documents", () => {
  test.use({ role: "delegateAU" });

  test("a PDF goes up, comes back as an attachment, and a second upload of its name is version 2", async ({
    page,
    make,
  }) => {
    const project = await make.project({ name: uniqueName("Document Project") });
    await page.goto(`${PARTNERSHIP}/projects/${project.id}/documents`);
    const upload = async () => {
      await page.getByLabel("File").setInputFiles({
        name: "Feasibility study.pdf",
        mimeType: "application/pdf",
        buffer: PDF,
      });
      await page.getByRole("button", { name: "Upload" }).click();
    };
    await upload();
    await expect(page.locator(".alert.success")).toHaveText(
      "“Feasibility study.pdf” is uploaded (version 1).",
    );
    await upload();
    await expect(page.locator(".alert.success")).toHaveText(
      "“Feasibility study.pdf” is uploaded (version 2).",
    );

    const latest = page.getByRole("link", { name: "Download Feasibility study.pdf, version 2" });
    const [download] = await Promise.all([page.waitForEvent("download"), latest.click()]);
    expect(download.suggestedFilename()).toBe("Feasibility study.pdf");
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(PDF);

    const response = await page.request.get((await latest.getAttribute("href")) ?? "");
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(response.headers()["content-disposition"]).toMatch(
      /^attachment; filename="Feasibility study.pdf"/,
    );
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("a file named .pdf whose content is something else is refused", async ({ page, make }) => {
    const project = await make.project({ name: uniqueName("Disguise Project") });
    await page.goto(`${PARTNERSHIP}/projects/${project.id}/documents`);
    await page.getByLabel("File").setInputFiles({
      name: "term-sheet.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("<html><script>alert('not a pdf')</script></html>"),
    });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("alert")).toContainText(
      "The file is named “term-sheet.pdf”, but its content is not what that name says.",
    );
    await expect(page.getByText("No documents yet.")).toBeVisible();
  });
});

test.describe("discussions where people expect them", () => {
  test.use({ role: "delegateJP" });

  test("a milestone's thread and documents from its row on the project", async ({ page, make }) => {
    const project = await make.project({
      name: uniqueName("Thread Project"),
      milestones: [{ title: "Pilot plant commissioned" }],
    });
    await page.goto(project.url);
    await page
      .getByRole("link", { name: "Discussion and documents “Pilot plant commissioned”" })
      .click();
    await expect(
      page.getByRole("heading", { name: "Milestone: Pilot plant commissioned" }),
    ).toBeVisible();
    await page.getByLabel("Your comment").last().fill("Commissioning slips a week.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(
      page.getByRole("paragraph").filter({ hasText: "Commissioning slips a week." }),
    ).toBeVisible();
    await page.getByLabel("File").setInputFiles({
      name: "Commissioning plan.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.locator(".alert.success")).toHaveText(
      "“Commissioning plan.pdf” is uploaded (version 1).",
    );
    await expect(
      page.getByRole("link", { name: "Download Commissioning plan.pdf, version 1" }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a draft pledge's thread from its page, and only its government sees it", async ({
    page,
    pageAs,
    make,
  }) => {
    const project = await make.project({ name: uniqueName("Draft Thread Project") });
    const draft = await make.pledge({
      by: "delegateJP",
      project,
      amount: "1,000,000",
      commit: false,
    });
    await page.goto(draft.url);
    await page.getByRole("link", { name: "Discussion and documents of this pledge" }).click();
    await expect(page).toHaveURL(new RegExp(`/pledges/${draft.id}/discussion$`));
    await page.getByLabel("Your comment").last().fill("Awaiting the cabinet's approval.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(
      page.getByRole("paragraph").filter({ hasText: "Awaiting the cabinet's approval." }),
    ).toBeVisible();
    await expectNoAxeViolations(page);

    // Another government: the draft's thread does not exist for it.
    const au = await pageAs("delegateAU");
    const answer = await au.goto(`${PARTNERSHIP}/pledges/${draft.id}/discussion`);
    expect(answer?.status()).toBe(404);
    await expect(au.getByText("Awaiting the cabinet's approval.")).toHaveCount(0);
  });
});

test.describe("accessibility of the new pages", () => {
  test.use({ role: "delegateJP" });

  test("the discussion, with a comment's link and list, passes axe", async ({ page, make }) => {
    const project = await make.project({ name: uniqueName("Axe Project") });
    await page.goto(`${PARTNERSHIP}/projects/${project.id}/discussion`);
    await page
      .getByLabel("Your comment")
      .last()
      .fill("A [link](https://example.org) and a list:\n\n- one\n- two");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("link", { name: "link" })).toHaveAttribute(
      "rel",
      "noopener noreferrer",
    );
    await expectNoAxeViolations(page);
  });

  test("a project's documents pass axe", async ({ page, make }) => {
    const project = await make.project({ name: uniqueName("Axe Documents Project") });
    await page.goto(`${PARTNERSHIP}/projects/${project.id}/documents`);
    await expectNoAxeViolations(page);
  });

  for (const [name, path] of [
    ["the inbox", `${PARTNERSHIP}/inbox`],
    ["the notification settings", "/notifications/settings"],
  ] as const) {
    test(`${name} passes axe`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }
});
