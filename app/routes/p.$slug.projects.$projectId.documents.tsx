import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { getConfig } from "~/config.server";
import { requireParam } from "~/forms/params.server";
import { readForm } from "~/forms/parse.server";
import type { FormFailure } from "~/forms/validation";
import { ACCEPT_ATTRIBUTE } from "~/domain/documents";
import { msg } from "~/i18n/message";
import { useFormat, useT } from "~/i18n/react";
import {
  listProjectDocuments,
  uploadProjectDocument,
  type DocumentVersion,
} from "~/models/documents.server";
import { getProjectIn } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import { getDocumentStore } from "~/storage/store.server";

const WRITERS = new Set(["delegate", "sponsor", "secretariat"]);
const MB = 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, partnership, membership } = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const documents = await user.db(async (tx) => {
    const project = await getProjectIn(tx, partnership.id, projectId);
    return project ? listProjectDocuments(tx, project.id) : null;
  });
  if (!documents) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  return json({
    slug: partnership.slug,
    documents,
    limitMb: getConfig().UPLOAD_LIMIT_MB,
    canUpload: WRITERS.has(membership.role),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const config = getConfig();
  const read = await readForm(request);
  if (!read.ok) {
    // Not a form, or a NUL in a field: the boundary's own sentence, in this page's shape.
    const failure = (await read.response.json()) as FormFailure;
    const message =
      failure.errors.form ??
      Object.values(failure.errors)[0] ??
      msg("collaboration.documents.noFile");
    return json({ ok: false as const, message }, { status: read.response.status });
  }
  const form = read.formData;
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0 || !file.name) {
    return json(
      { ok: false as const, message: msg("collaboration.documents.noFile") },
      { status: 400 },
    );
  }
  const outcome = await uploadProjectDocument(context, getDocumentStore(config), {
    projectId,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    limitBytes: config.UPLOAD_LIMIT_MB * MB,
    limitLabel: `${config.UPLOAD_LIMIT_MB} MB`,
  });
  if (!outcome.ok) {
    return json({ ok: false as const, message: outcome.message }, { status: outcome.status });
  }
  return json({
    ok: true as const,
    message: msg("collaboration.documents.uploaded", {
      name: outcome.name,
      version: outcome.version,
    }),
  });
}

/** Each name once, its latest version first, the earlier ones beneath it. */
function byName<Version extends Pick<DocumentVersion, "name">>(documents: Version[]) {
  const groups = new Map<string, Version[]>();
  for (const document of documents) {
    groups.set(document.name, [...(groups.get(document.name) ?? []), document]);
  }
  return [...groups.values()];
}

export default function ProjectDocuments() {
  const { slug, documents, limitMb, canUpload } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, tm } = useT();
  const format = useFormat();
  const size = (bytes: string) => {
    const n = Number(bytes);
    const [unit, divisor] =
      n >= MB ? ["megabyte", MB] : n >= 1024 ? ["kilobyte", 1024] : ["byte", 1];
    return new Intl.NumberFormat(format.language, {
      style: "unit",
      unit,
      maximumFractionDigits: 1,
    }).format(n / divisor);
  };
  const link = (document: { id: string; name: string; version: number }) => (
    <a
      href={`/p/${slug}/documents/${document.id}`}
      download
      aria-label={t("collaboration.documents.download", {
        name: document.name,
        version: document.version,
      })}
    >
      {document.name}
    </a>
  );
  return (
    <section aria-labelledby="documents-heading" className="stack documents">
      <h2 id="documents-heading">{t("collaboration.documents.heading")}</h2>
      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={result.ok ? "alert success" : "alert error"}
        >
          {tm(result.message)}
        </p>
      ) : null}
      {documents.length === 0 ? (
        <p className="muted">{t("collaboration.documents.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="documents-table">
            <thead>
              <tr>
                <th scope="col">{t("collaboration.documents.name")}</th>
                <th scope="col">{t("collaboration.documents.version")}</th>
                <th scope="col">{t("collaboration.documents.size")}</th>
                <th scope="col">{t("collaboration.documents.uploadedBy")}</th>
                <th scope="col">{t("collaboration.documents.uploadedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {byName(documents).map(([latest, ...earlier]) => (
                <tr key={latest!.id}>
                  <td>
                    {link(latest!)}
                    {earlier.length > 0 ? (
                      <details className="small-print">
                        <summary>{t("collaboration.documents.earlier")}</summary>
                        <ul>
                          {earlier.map((version) => (
                            <li key={version.id}>
                              {link(version)} · {version.version} ·{" "}
                              {format.moment(version.createdAt)}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td>{latest!.version}</td>
                  <td>{size(latest!.sizeBytes)}</td>
                  <td>{latest!.uploaderName ?? t("collaboration.someone.anonymous")}</td>
                  <td>{format.moment(latest!.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canUpload ? (
        <Form method="post" encType="multipart/form-data" className="stack upload-form">
          <h3>{t("collaboration.documents.upload")}</h3>
          <label htmlFor="document-file">{t("collaboration.documents.fileLabel")}</label>
          <input
            id="document-file"
            name="file"
            type="file"
            required
            accept={ACCEPT_ATTRIBUTE}
            aria-describedby="document-file-help"
          />
          <p id="document-file-help" className="small-print muted">
            {t("collaboration.documents.fileHelp", { size: `${limitMb} MB` })}
          </p>
          <div>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("collaboration.documents.submit")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
