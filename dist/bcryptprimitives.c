/* Test-only stand-in for bcryptprimitives.dll, which Debian's wine 8.0 lacks.
   Rust std (>= 1.78 on windows-gnu/msvc) imports ProcessPrng from it.
   Never ship this: real Windows 10+ has the DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
