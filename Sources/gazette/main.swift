import GazetteCLI

#if canImport(Glibc)
import Glibc
#endif

exit(await GazetteCommand.run())
