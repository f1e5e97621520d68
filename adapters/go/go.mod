module goadapter

go 1.18
