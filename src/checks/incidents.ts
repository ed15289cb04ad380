/** The real incidents (seed cases, DESIGN.md §1) that checks name in their metadata. */
export const INCIDENTS = {
  celle2019: 'Celle practice 2019: ~30,000 patient documents on HTTPS ports 440–449 opened by the router; a firmware update re-opened them',
  dubidoc2022: 'dubidoc 2022: open Symfony profiler leaked database and mail credentials; 960,000 patients',
  openPacs2019: 'Open PACS worldwide 2019: DICOM archives answering anyone, 16M+ records',
  docCirrus2020: 'Doc Cirrus inSuite 2020: exposed application and mail interfaces of practice software',
} as const;
