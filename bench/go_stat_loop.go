// os.Stat of one path argv[1] times, spread over 4 goroutines: a Go
// program's system calls come from its runtime's threads (made by clone
// without CLONE_SETTLS), and each traced os.Stat has its path and result
// read from the program's memory. Built by //bench:trace_workloads when a
// Go toolchain is present (CGO_ENABLED=0: a static program, traced through
// the image).
package main

import (
	"os"
	"strconv"
	"sync"
)

func main() {
	n, err := strconv.Atoi(os.Args[1])
	if err != nil {
		os.Exit(2)
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n/4; i++ {
				if _, err := os.Stat("/etc/passwd"); err != nil {
					os.Exit(1)
				}
			}
		}()
	}
	wg.Wait()
}
