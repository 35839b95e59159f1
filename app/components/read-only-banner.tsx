import { Link } from "@remix-run/react";
import { Trans } from "react-i18next";
import { READ_ONLY_MESSAGE } from "~/billing/rules";
import { useT } from "~/i18n/react";

/** Shown on every page of a partnership that has lapsed: what still works, and who can fix it. */
export function ReadOnlyBanner({ slug, isSecretariat }: { slug: string; isSecretariat: boolean }) {
  const { t, tm } = useT();
  return (
    <div role="status" className="alert warning read-only-banner">
      <Trans
        i18nKey="billing.readOnlyBanner"
        values={{ message: tm(READ_ONLY_MESSAGE) }}
        components={{ strong: <strong /> }}
      />{" "}
      {isSecretariat ? (
        <Link to={`/p/${slug}/billing`}>{t("billing.renew")}</Link>
      ) : (
        t("billing.askSecretariat")
      )}
    </div>
  );
}
