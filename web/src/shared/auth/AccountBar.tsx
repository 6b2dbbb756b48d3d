import { t } from "../i18n/i18n";
import type { Area } from "./session";
import { useEndSession } from "./useEndSession";

type Props = { area: Area; slug: string };

/** Who is signed in, with the two ways to sign out; nothing while signed out. */
export function AccountBar({ area, slug }: Props) {
	const { session, pending, error, endSession } = useEndSession(area, slug);
	if (session.state.status !== "signed-in") return null;
	const { me } = session.state;

	return (
		<section class="account-bar" aria-label={t("account.label")}>
			<div class="account-who">
				<p class="account-name">{t("account.signedInAs", { name: me.name })}</p>
				{me.accountName ? <p class="account-org muted">{me.accountName}</p> : null}
			</div>
			<div class="account-actions">
				<button type="button" class="button-secondary" disabled={pending} onClick={() => endSession(false)}>
					{t("account.signOut")}
				</button>
				<button type="button" class="button-secondary" disabled={pending} onClick={() => endSession(true)}>
					{t("account.signOutEverywhere")}
				</button>
			</div>
			{error ? (
				<p class="notice notice-error account-error" role="alert">
					{error}
				</p>
			) : null}
		</section>
	);
}
