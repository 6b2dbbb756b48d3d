import { TenantShell } from "../shared/TenantShell";

type Props = { slug: string };

export function TechnicianApp({ slug }: Props) {
	return (
		<TenantShell slug={slug} area="Technician">
			{(branding) => (
				<main class="page narrow">
					<h1>{branding.name} — today's jobs</h1>
				</main>
			)}
		</TenantShell>
	);
}
