// A static Go program (CGO_ENABLED=0) that prints the first 16 bytes of
// its own runtime/internal/syscall.Syscall6, through which the syscall
// package makes its calls (four 3-byte moves, `syscall`, then the 6-byte
// `cmp $-4095,%rax`: no instruction before the site is a jump long, and
// Go's linker writes no .eh_frame), then makes getppid through it and
// says whether the result is right. //tools/trace:image_test checks the
// bytes natively and traced: the site jumps.
package main

import (
	"debug/elf"
	"fmt"
	"os"
	"strings"
	"syscall"
	"unsafe"
)

func main() {
	f, err := elf.Open("/proc/self/exe")
	if err != nil {
		fmt.Println("cannot read myself:", err)
		os.Exit(1)
	}
	syms, err := f.Symbols()
	if err != nil {
		fmt.Println("no symbols:", err)
		os.Exit(1)
	}
	var at uintptr
	for _, s := range syms {
		if s.Name == "runtime/internal/syscall.Syscall6" {
			at = uintptr(s.Value)
		}
	}
	if at == 0 {
		fmt.Println("no runtime/internal/syscall.Syscall6")
		os.Exit(1)
	}
	var b strings.Builder
	b.WriteString("Syscall6")
	for i := uintptr(0); i < 16; i++ {
		fmt.Fprintf(&b, " %02x", *(*byte)(unsafe.Pointer(at + i)))
	}
	fmt.Println(b.String())
	r, _, e := syscall.RawSyscall6(syscall.SYS_GETPPID, 0, 0, 0, 0, 0, 0)
	fmt.Println("getppid through Syscall6 right:", e == 0 && int(r) == os.Getppid())
}
