// WGSL kernels are imported as text: tsup `loader: { '.wgsl': 'text' }`, vitest via a small plugin.
declare module '*.wgsl' {
  const source: string;
  export default source;
}
