import { ChevronDown, LogOut, Menu } from "lucide";
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import { t } from "../i18n/i18n";
import { Icon } from "../ui/Icon";
import "./header-menu.css";
import { LanguageSwitcher } from "./LanguageSwitcher";
import type { Area } from "./session";
import { useEndSession } from "./useEndSession";

/** "Morgan Price" → "MP". */
export const initials = (name: string) =>
	name
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 2)
		.map((part) => part[0]?.toUpperCase())
		.join("");

type Props = {
	area: Area;
	slug: string;
	/** The person's role, in words, under their name. */
	roleLabel?: string;
	/** The language choice in the menu (the apps that are translated). */
	withLanguage?: boolean;
	/**
	 * Shown first in the panel on phones only: the app's navigation, which has no room of its own
	 * there. With it the button also shows a menu icon and `menuLabel` is read out first.
	 */
	phoneNav?: ComponentChildren;
	menuLabel?: string;
	/** On the button: what waits inside the menu (the console's unread count). */
	badge?: ComponentChildren;
};

/**
 * The signed-in person at the end of the header: initials (the name too on wider screens)
 * opening a panel with who they are, their language and the two ways to sign out — and, on a
 * phone, the app's navigation. A native popover: Escape and a click outside close it, and the
 * browser keeps the button's expanded state; moving to another page closes it.
 */
export function HeaderMenu({
	area,
	slug,
	roleLabel,
	withLanguage = false,
	phoneNav,
	menuLabel,
	badge,
}: Props) {
	const { session, pending, error, endSession } = useEndSession(area, slug);
	const id = useId();
	const panel = useRef<HTMLDivElement>(null);
	const { path } = useLocation();
	// Following a link in the panel moves to another page: the panel closes behind it.
	useEffect(() => {
		if (panel.current?.matches(":popover-open")) panel.current.hidePopover();
	}, [path]);
	if (session.state.status !== "signed-in") return null;
	const { me } = session.state;
	const withNav = phoneNav !== undefined;
	return (
		<div class={withNav ? "header-menu header-menu-with-nav" : "header-menu"} data-app-nav>
			<button type="button" class="header-menu-trigger" popovertarget={`${id}-menu`}>
				{withNav ? <Icon icon={Menu} size={20} class="header-menu-icon" /> : null}
				<span class="header-menu-avatar" aria-hidden="true">
					{initials(me.name)}
				</span>
				<span class="visually-hidden">
					{withNav && menuLabel ? `${menuLabel}, ` : ""}
					{t("account.signedInAs", { name: me.name })}
				</span>
				<span class="header-menu-name" aria-hidden="true">
					{me.name}
				</span>
				<Icon icon={ChevronDown} size={16} class="header-menu-chevron" />
				{badge ? <span class="header-menu-badge">{badge}</span> : null}
			</button>
			<div id={`${id}-menu`} ref={panel} class="header-menu-panel" popover="auto">
				{withNav ? <div class="header-menu-nav">{phoneNav}</div> : null}
				<section class="header-menu-account" aria-label={t("account.label")}>
					<p class="header-menu-person">{me.name}</p>
					{roleLabel || me.accountName ? (
						<p class="header-menu-detail">{[roleLabel, me.accountName].filter(Boolean).join(" · ")}</p>
					) : null}
					<p class="header-menu-detail break-anywhere">{me.email}</p>
					{area === "d" ? (
						<a class="header-menu-link" href={`/d/${encodeURIComponent(slug)}/emails`}>
							{t("account.myEmails")}
						</a>
					) : null}
					{withLanguage ? <LanguageSwitcher area={area} slug={slug} /> : null}
					<div class="header-menu-actions">
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
