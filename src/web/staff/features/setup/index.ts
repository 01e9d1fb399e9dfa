export { setupArea } from './setup.area.js';
// The practice's time zone and portal address are chosen again in Settings → Practice profile.
export { cleanSlugInput } from './slug.js';
export { TimeZoneSelect } from './TimeZoneSelect.js';
