/**
 * The availability module: clinicians' weekly hours and time off, the practice's request settings,
 * and the free-slot engine that turns them into the times a client may ask for.
 */
export { availabilityRoutes } from './availability.routes.js';
export { loadSchedulingSettings } from './availability.service.js';
export { slotQueryFor, type SlotAsk } from './availability.slots.js';
export { findActiveClinician, findLocations } from './availability.queries.js';
export { checkSlot, freeSlots, requestWindow, type SlotQuery, type SlotRefusal } from './free-slots.js';
