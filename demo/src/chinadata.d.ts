declare module 'virtual:china-outline' {
  const outline: import('geojson').FeatureCollection;
  export default outline;
}
