/* CLibXML2: libxml2 as Swift sees it. Debian builds libxml2 with ICU, whose headers clash with
   Foundation's own ICU module; keep them out (environment.md) and never touch ICU fields. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
