declare module 'virtual:waymark/config' {
	const config: import('../checks/site/virtual-config.ts').SiteRuntimeConfig;
	export default config;
}
