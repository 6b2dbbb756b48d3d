import { TenantShell } from "../shared/TenantShell";

type Props = { slug: string };

export function PortalApp({ slug }: Props) {
	return (
		<TenantShell slug={slug} area="Customer portal">
			{(branding) => (
				<main class="page narrow">
					<h1>Welcome to {branding.name}</h1>
					<p>Book pickups, follow your jobs live and see your history — no password needed.</p>
				</main>
			)}
		</TenantShell>
	);
}
