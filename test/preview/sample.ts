// The sample spreadsheet moved to preview/sample.ts with the preview; test/harness/{safety,models}.test.ts still
// import it from here. Delete this file once they import ../../preview/sample.
export * from '../../preview/sample';
