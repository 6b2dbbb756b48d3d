import "../../portal/booking/booking.css";
import { Logo } from "../../shared/ui/Logo";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { isAdmin, staffPath } from "../consoleApi";
import { ImageUpload } from "../ImageUpload";
import { BrandingForm } from "./BrandingForm";
import { OperationsForm } from "./OperationsForm";
import { StaffRoles } from "./StaffRoles";
import { LOGO_MAX_BYTES, type TenantSettingsView } from "./settingsTypes";

function Settings({ slug, me }: ConsoleContext) {
	const { state, replace } = useResource<TenantSettingsView>(
		isAdmin(me.role) ? staffPath(slug, "/settings") : null,
	);
	if (!isAdmin(me.role)) {
		return (
			<>
				<h1>Settings</h1>
				<p class="notice">Only an admin can see and change settings. Ask an admin of your team.</p>
			</>
		);
	}
	const settings = "data" in state ? state.data : undefined;
	return (
		<>
			<h1>Settings</h1>
			{state.status === "error" ? (
				<p class="notice notice-error" role="alert">
					{state.message}
				</p>
			) : null}
			{!settings ? (
				state.status === "loading" ? (
					<p class="muted">Loading settings…</p>
				) : null
			) : (
				<div class="settings-grid">
					<div class="stack">
						<BrandingForm
							key={`${settings.name}${settings.colors.primary}`}
							slug={slug}
							settings={settings}
							onSaved={replace}
						/>
						<section class="panel stack" aria-labelledby="logo-heading">
							<h2 id="logo-heading">Logo</h2>
							{settings.logoUrl ? (
								<Logo class="settings-logo" branding={settings} alt="Current logo" height={64} />
							) : (
								<p class="muted">No logo yet.</p>
							)}
							<ImageUpload<TenantSettingsView>
								slug={slug}
								path="/settings/logo"
								label="Logo"
								maxBytes={LOGO_MAX_BYTES}
								onSaved={replace}
							/>
						</section>
					</div>
					<div class="stack">
						<OperationsForm slug={slug} settings={settings} onSaved={replace} />
						<StaffRoles slug={slug} meId={me.id} />
					</div>
				</div>
			)}
		</>
	);
}

/** `/d/:slug/settings` (admins only): branding, logo, operations, staff and roles. */
export function SettingsPage({ slug, branding }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Settings">
			{(context) => <Settings {...context} />}
		</ConsolePage>
	);
}
