internal import CLibXML2

/// Runs `body` with a libxml2 SAX2 push parser over bytes that are UTF-8 already (Charset.swift
/// decoded them): recover mode, never the network (`XML_PARSE_NONET`), the document's own encoding
/// label ignored, no error printed, CDATA reported as text. Entities are whatever `sax.getEntity`
/// returns: `XML_PARSE_NOENT` and `DTDLOAD` are never set. The context is freed when `body` returns.
/// - Returns: false when libxml2 could not make a parser context (out of memory); `body` did not run.
func withPushParser(_ sax: inout xmlSAXHandler, userData: UnsafeMutableRawPointer,
                    _ body: (xmlParserCtxtPtr) -> Void) -> Bool {
    guard let context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, nil) else { return false }
    defer {
        // For "expat compatibility" libxml2 records a DTD's entity declarations in a fake document
        // even in SAX mode (parser.c, xmlParseEntityDecl); nothing reads them (the readers' getEntity
        // never looks there), but the document is ours to free.
        if let document = context.pointee.myDoc {
            context.pointee.myDoc = nil
            xmlFreeDoc(document)
        }
        xmlFreeParserCtxt(context)
    }
    let flags = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
    xmlCtxtUseOptions(context, flags)
    xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
    body(context)
    return true
}
