/// <reference types="vite/client" />

/** A YAML file, parsed at build time by the `yaml-as-data` plugin of vite.config.ts. */
declare module '*.yaml' {
  const data: unknown;
  export default data;
}
