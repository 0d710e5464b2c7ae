/** One language of the message catalogue, made at build time (app/i18n/vite-catalogue.ts). */
declare module "virtual:i18n-catalogue/*" {
  const messages: Record<string, string>;
  export default messages;
}
