import { ChevronDown, LogOut, Repeat, UserRound, Users } from "lucide";
import { useId } from "preact/hooks";
import { LanguageSwitcher } from "../shared/auth/LanguageSwitcher";
import { useEndSession } from "../shared/auth/useEndSession";
import { t } from "../shared/i18n/i18n";
import { Icon } from "../shared/ui/Icon";
import { isAccountAdmin, portalPath } from "./customerApi";

const initials = (name: string) =>
	name
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 2)
		.map((part) => part[0]?.toUpperCase())
		.join("");

/**
 * The signed-in customer in the header: initials (and the name on wider screens) opening a
 * menu with who they are, their language and the two ways to sign out. A native popover: Escape and a click
 * outside close it, and the browser keeps the button's expanded state.
 */
export function AccountMenu({ slug }: { slug: string }) {
	const { session, pending, error, endSession } = useEndSession("c", slug);
	const id = useId();
	if (session.state.status !== "signed-in") return null;
	const { me } = session.state;
	return (
		<div class="account-menu">
			<button type="button" class="account-menu-trigger" popovertarget={`${id}-menu`}>
				<span class="account-avatar" aria-hidden="true">
					{initials(me.name)}
				</span>
				<span class="account-menu-name">
					<span class="visually-hidden">{t("account.signedInAs", { name: me.name })}</span>
					<span aria-hidden="true">{me.name}</span>
				</span>
				<Icon icon={ChevronDown} size={16} />
			</button>
			<div id={`${id}-menu`} class="account-menu-panel" popover="auto">
				<section aria-label={t("account.label")}>
					<p class="account-menu-person">{me.name}</p>
					{me.accountName ? <p class="account-menu-org">{me.accountName}</p> : null}
					<p class="account-menu-email">{me.email}</p>
					<a class="account-menu-link" href={`/c/${encodeURIComponent(slug)}/profile`}>
						<Icon icon={UserRound} size={18} />
						<span>{t("account.profile")}</span>
					</a>
					<a class="account-menu-link" href={portalPath(slug, "/recurring")}>
						<Icon icon={Repeat} size={18} />
						<span>{t("portal.nav.recurring")}</span>
					</a>
					{isAccountAdmin(me.role) && me.accountName ? (
						<a class="account-menu-link" href={portalPath(slug, "/account")}>
							<Icon icon={Users} size={18} />
							<span>{t("account.manage")}</span>
						</a>
					) : null}
					<LanguageSwitcher area="c" slug={slug} />
					<div class="account-menu-actions">
						<button
							type="button"
							class="ui-button ui-button-secondary"
							disabled={pending}
							onClick={() => endSession(false)}
						>
							<Icon icon={LogOut} size={18} />
							<span>{t("account.signOut")}</span>
						</button>
						<button
							type="button"
							class="ui-button ui-button-ghost"
							disabled={pending}
							onClick={() => endSession(true)}
						>
							{t("account.signOutEverywhere")}
						</button>
					</div>
					{error ? (
						<p class="notice notice-error" role="alert">
							{error}
						</p>
					) : null}
				</section>
			</div>
		</div>
	);
}
