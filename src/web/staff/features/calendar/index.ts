export { calendarArea } from './calendar.area.js';
