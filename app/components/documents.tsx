/*
 * A documents section (ADR 143): each name once with its latest version first and the earlier ones beneath,
 * downloads as attachments, and the upload form for those who may upload. Used by the project's documents tab
 * and by a milestone's and a pledge's pages.
 */
import { Form, useNavigation } from "@remix-run/react";
import { ACCEPT_ATTRIBUTE } from "~/domain/documents";
import { useFormat, useT } from "~/i18n/react";

const MB = 1024 * 1024;

/** Each name once, its latest version first, the earlier ones beneath it. */
function byName<Version extends Pick<ListedDocument, "name">>(documents: Version[]) {
  const groups = new Map<string, Version[]>();
  for (const document of documents) {
    groups.set(document.name, [...(groups.get(document.name) ?? []), document]);
  }
  return [...groups.values()];
}

/** One version of a document, as the loader sends it (app/models/documents.server.ts). */
export interface ListedDocument {
  id: string;
  name: string;
  version: number;
  sizeBytes: string;
  contentType: string;
  uploaderName: string | null;
  createdAt: string;
}

export interface DocumentsSectionProps {
  slug: string;
  documents: ListedDocument[];
  limitMb: number;
  canUpload: boolean;
  /** The last upload's outcome, as a sentence of the catalogues. */
  result?: { ok: boolean; message: string } | null;
  /** Sent with the upload, for pages whose action also takes other forms. */
  intent?: string;
}

/** The documents of a project, milestone or pledge, each name with its versions, and the upload form. */
export function DocumentsSection({
  slug,
  documents,
  limitMb,
  canUpload,
  result,
  intent,
}: DocumentsSectionProps) {
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
          {intent ? <input type="hidden" name="intent" value={intent} /> : null}
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
