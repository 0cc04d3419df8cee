export {
  exportRequests,
  type RequestExport,
  type RequestExportOptions,
  type RequestSubject,
  type WithheldRequest,
} from './exportRequests';
export {
  exportServices,
  type ImportServiceOptions,
  importServices,
  type ServiceOptions,
} from './exportServices';
export { fitDescription, maxDescriptionLength } from './fitDescription';
export {
  formatRequests,
  formatServices,
  type GeoReportFormat,
  parseRequests,
  parseServices,
} from './formatGeoReport';
export {
  type ExtendedStatus,
  ExtendedStatusSchema,
  type GeoReportRequest,
  type GeoReportRequestInput,
  GeoReportRequestSchema,
  type GeoReportService,
  GeoReportServiceSchema,
} from './geoReport';
export {
  closureReasonOf,
  type RequestImportContext,
  RequestImportContextSchema,
  requestStatus,
  requestToReport,
} from './importRequests';
export { statusOfExtended } from './normalizeGeoReport';
